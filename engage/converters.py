"""`<id:pk>` in every URL: a primary key the database can hold, else the route does not match.

Django's `<int:>` passes any number of digits on, and an id past 2**63 - 1 (BigAutoField's
maximum) then fails in the database driver (500) instead of finding nothing (404).
Imported by each urls module that uses it, which registers it once.
"""

from django.urls import register_converter

ID_MAX = 2**63 - 1


class IdConverter:
    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > ID_MAX:
            raise ValueError(value)  # tells the resolver: no match, so 404
        return number

    def to_url(self, value: int | str) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
