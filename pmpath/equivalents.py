"""Company grades beside a placement: what "阿里 P7" or "Google L6" usually means on pmpath's
ladder, and the other way round (pure: the table comes in as a model)."""

from __future__ import annotations

from pmpath.models import Company, CompanyLevel, CompanyPlace, CompanyTable, Equivalent


def _entry(company: Company, grade: CompanyLevel) -> Equivalent:
    return Equivalent(
        company=company.id,
        company_name=company.name,
        code=grade.code,
        title=grade.title,
        track=grade.track,
        maps_to=grade.maps_to,
        confidence=grade.confidence,
        source=grade.source,
    )


def equivalents(table: CompanyTable, level_id: str) -> tuple[Equivalent, ...]:
    """Every company grade that usually corresponds to the level, in the table's order.

    Worked out once per table and level (the models are immutable): a cohort's reports ask
    for the same few levels thousands of times."""
    found = _KNOWN.get((id(table), level_id))
    if found is not None and found[0] is table:  # the table itself is kept, so its id is its own
        return found[1]
    made = tuple(
        _entry(company, grade)
        for company in table.companies
        for grade in company.levels
        if level_id in grade.maps_to
    )
    if len(_KNOWN) >= 256:
        _KNOWN.clear()
    _KNOWN[id(table), level_id] = (table, made)
    return made


_KNOWN: dict[tuple[int, str], tuple[CompanyTable, tuple[Equivalent, ...]]] = {}


def find_grade(table: CompanyTable, given: str) -> tuple[Company | None, tuple[CompanyLevel, ...]]:
    """The company a `company:code` names and its grades of that code (one per track: Google's L7
    is both an IC and a manager grade); the code matches whatever its case."""
    company_id, _, code = given.partition(":")
    company = table.company(company_id)
    if company is None:
        return None, ()
    return company, tuple(g for g in company.levels if g.code.casefold() == code.casefold())


def company_place(table: CompanyTable, given: str, level_id: str) -> CompanyPlace | None:
    company, grades = find_grade(table, given)
    if company is None or not grades:
        return None  # the edge refuses such answers; a stored run from an older table shows none
    matches = tuple(_entry(company, g) for g in grades)
    return CompanyPlace(given=given, matches=matches, agrees=any(level_id in m.maps_to for m in matches))
