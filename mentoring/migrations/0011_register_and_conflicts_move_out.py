"""The register's models and conflicts of interest now belong to their own apps; only
mentoring's record of them goes, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0010_trajectory_terms_change'),
        ('register', '0001_initial'),
        ('accounts', '0004_conflict_of_interest_moves_here'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='applicationdocument',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='ballotagedecision',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='ballotagedecision',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='ballotagedecision',
                    name='policy',
                ),
                migrations.RemoveField(
                    model_name='objection',
                    name='decision',
                ),
                migrations.RemoveField(
                    model_name='registration',
                    name='decision',
                ),
                migrations.RemoveField(
                    model_name='ballotagevote',
                    name='assignment',
                ),
                migrations.RemoveField(
                    model_name='conflictofinterest',
                    name='declared_by',
                ),
                migrations.RemoveField(
                    model_name='conflictofinterest',
                    name='other',
                ),
                migrations.RemoveField(
                    model_name='conflictofinterest',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='objection',
                    name='submitted_by',
                ),
                migrations.RemoveField(
                    model_name='registerapplication',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='registerapplication',
                    name='policy',
                ),
                migrations.RemoveField(
                    model_name='reviewerassignment',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='registerpolicy',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='registration',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='registration',
                    name='person',
                ),
                migrations.RemoveField(
                    model_name='registrationstatuschange',
                    name='registration',
                ),
                migrations.RemoveField(
                    model_name='registrationstatuschange',
                    name='changed_by',
                ),
                migrations.RemoveField(
                    model_name='reviewerassignment',
                    name='assigned_by',
                ),
                migrations.RemoveField(
                    model_name='reviewerassignment',
                    name='reviewer',
                ),
                migrations.RemoveField(
                    model_name='reviewerrecusal',
                    name='assignment',
                ),
                migrations.RemoveField(
                    model_name='reviewerrecusal',
                    name='declared_by',
                ),
                migrations.DeleteModel(
                    name='ApplicationCheck',
                ),
                migrations.DeleteModel(
                    name='ApplicationDocument',
                ),
                migrations.DeleteModel(
                    name='BallotageDecision',
                ),
                migrations.DeleteModel(
                    name='BallotageVote',
                ),
                migrations.DeleteModel(
                    name='ConflictOfInterest',
                ),
                migrations.DeleteModel(
                    name='Objection',
                ),
                migrations.DeleteModel(
                    name='RegisterApplication',
                ),
                migrations.DeleteModel(
                    name='RegisterPolicy',
                ),
                migrations.DeleteModel(
                    name='Registration',
                ),
                migrations.DeleteModel(
                    name='RegistrationStatusChange',
                ),
                migrations.DeleteModel(
                    name='ReviewerAssignment',
                ),
                migrations.DeleteModel(
                    name='ReviewerRecusal',
                ),
    
            ],
        ),
    ]
