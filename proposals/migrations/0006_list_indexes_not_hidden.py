"""The public list now leaves out hidden proposals: its partial indexes follow suit."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0005_moderation"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="proposal",
            name="proposal_list_newest_idx",
        ),
        migrations.RemoveIndex(
            model_name="proposal",
            name="proposal_list_support_idx",
        ),
        migrations.RemoveIndex(
            model_name="proposal",
            name="proposal_list_comment_idx",
        ),
        migrations.RemoveIndex(
            model_name="proposal",
            name="proposal_list_answered_idx",
        ),
        migrations.RemoveIndex(
            model_name="proposal",
            name="proposal_list_theme_idx",
        ),
        migrations.RemoveIndex(
            model_name="proposal",
            name="proposal_list_area_idx",
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=models.Q(
                    ("hidden_at__isnull", True),
                    ("status__in", ["answered", "published", "under_review"]),
                ),
                fields=["-published_at", "-id"],
                name="proposal_list_newest_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=models.Q(
                    ("hidden_at__isnull", True),
                    ("status__in", ["answered", "published", "under_review"]),
                ),
                fields=["-support_count", "-published_at", "-id"],
                name="proposal_list_support_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=models.Q(
                    ("hidden_at__isnull", True),
                    ("status__in", ["answered", "published", "under_review"]),
                ),
                fields=["-comment_count", "-published_at", "-id"],
                name="proposal_list_comment_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=models.Q(
                    ("hidden_at__isnull", True),
                    ("status__in", ["answered", "published", "under_review"]),
                ),
                fields=["-answered_at", "-published_at", "-id"],
                name="proposal_list_answered_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=models.Q(
                    ("hidden_at__isnull", True),
                    ("status__in", ["answered", "published", "under_review"]),
                ),
                fields=["theme"],
                name="proposal_list_theme_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                condition=models.Q(
                    ("hidden_at__isnull", True),
                    ("status__in", ["answered", "published", "under_review"]),
                ),
                fields=["focus_area"],
                name="proposal_list_area_idx",
            ),
        ),
    ]
