"""Scale data and load measurements for the platform (``make bench``)."""
