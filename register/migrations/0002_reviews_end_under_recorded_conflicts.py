"""Reviews that a recorded conflict of interest should have ended are withdrawn.

Conflicts recorded before they bound anything now bind from their recording (accounts 0005).
A reviewer still assigned in an undecided round to an applicant they have such a conflict with
is withdrawn, as a conflict that binds withdraws them from now on; decided rounds stay as they
were.
"""

from django.db import migrations
from django.db.models import Q


def withdraw(apps, schema_editor):
    ConflictOfInterest = apps.get_model("accounts", "ConflictOfInterest")
    ReviewerAssignment = apps.get_model("register", "ReviewerAssignment")
    ReviewerRecusal = apps.get_model("register", "ReviewerRecusal")
    BallotageDecision = apps.get_model("register", "BallotageDecision")
    for conflict in ConflictOfInterest.objects.filter(status="binding", other__isnull=False):
        a, b = conflict.person_id, conflict.other_id
        for assignment in ReviewerAssignment.objects.filter(
            Q(reviewer_id=a, application__person_id=b) | Q(reviewer_id=b, application__person_id=a),
            recusal__isnull=True,
        ).select_related("application"):
            application = assignment.application
            if assignment.round != application.round or BallotageDecision.objects.filter(
                application=application, round=assignment.round
            ).exists():
                continue
            ReviewerRecusal.objects.create(
                assignment=assignment,
                reason=(
                    "Teruggetrokken: belangenverstrengeling met de aanvrager, vastgelegd op "
                    f"{conflict.binds_from:%d-%m-%Y} (melding {conflict.pk})."
                ),
                declared_by_id=conflict.declared_by_id,
            )


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0007_conflicts_bind_or_wait_for_the_office"),
        ("register", "0001_initial"),
    ]

    operations = [migrations.RunPython(withdraw, migrations.RunPython.noop)]
