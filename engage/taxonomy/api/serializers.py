from rest_framework import serializers

from engage.taxonomy.models import SDG, FocusArea, Theme


class SDGSerializer(serializers.ModelSerializer):
    class Meta:
        model = SDG
        fields = ["number", "name_da", "name_en", "description_da", "description_en", "color"]


class FocusAreaSerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sdgs = serializers.SerializerMethodField()

    class Meta:
        model = FocusArea
        fields = [
            "slug",
            "theme",
            "name_da",
            "name_en",
            "description_da",
            "description_en",
            "sdgs",
        ]

    def get_sdgs(self, obj: FocusArea) -> list[int]:
        return [sdg.number for sdg in obj.sdgs.all()]


class ThemeSerializer(serializers.ModelSerializer):
    focus_areas = serializers.SerializerMethodField()

    class Meta:
        model = Theme
        fields = ["slug", "name_da", "name_en", "description_da", "description_en", "focus_areas"]

    def get_focus_areas(self, obj: Theme) -> list[str]:
        return [area.slug for area in obj.focus_areas.all()]
