// Filters fold away on a small screen: a <details class="fold"> is open in the HTML (so the
// filters show on a wide screen and without JavaScript) and closed here when the screen is
// narrow, unless a filter is in use. Its <summary> opens it again.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.matchMedia("(max-width: 40rem)").matches) return;
  document.querySelectorAll("details.fold[open]:not([data-in-use])").forEach((details) => {
    details.open = false;
  });
});
