from django.contrib import admin

from engage.taxonomy.models import SDG, FocusArea, Team, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_da", "name_en", "position"]
    readonly_fields = ["slug"]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_da", "theme", "team"]
    list_filter = ["theme", "team"]
    list_select_related = ["theme", "team"]
    readonly_fields = ["slug"]
    filter_horizontal = ["sdgs"]


@admin.register(SDG)
class SDGAdmin(admin.ModelAdmin):
    list_display = ["number", "name_da", "name_en"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members"]
