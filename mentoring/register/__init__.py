"""The register of opbouwwerkers: policy versions, eligibility, applications, ballotage and
registrations (DOMAIN.md, "The register" and "Default register policy").

Models live in ``models.py`` and are re-exported by ``mentoring.models``; writes are the
``*_create``/``*_submit``/... functions of ``policy``, ``application``, ``ballotage`` and
``registration``; ``ledger`` and ``eligibility`` only read.
"""
