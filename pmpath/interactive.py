"""The interactive session around the questionnaire: resume file, saving answers, exporting.

Lives apart from cli.py so the commands stay thin; only pmpath.prompts touches questionary.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmpath.errors import InputError, Interrupted, Msg, NoTerminalError, PmpathError
from pmpath.i18n import Language, T
from pmpath.output import err_info, render_report
from pmpath.render import OutputFormat

if TYPE_CHECKING:
    from pmpath.models import Answers, Catalog, Report, Review


def resume_dir(kind: str = "assess") -> Path:
    """Interrupted questionnaires, one folder per kind: a rater's review never shows up as an
    assessment to resume, nor the reverse."""
    from platformdirs import user_data_path

    return user_data_path("pmpath", appauthor=False) / ("resume" if kind == "assess" else "resume-review")


def _legacy_resume() -> Path:
    """Where pmpath 0.1 kept its single resume file; still offered, so nothing is lost."""
    return resume_dir().parent / "resume.toml"


@dataclass(frozen=True)
class Slot:
    """One interrupted questionnaire, kept side by side with the others."""

    path: Path
    name: str
    answered: int
    saved: str
    lang: str | None
    total: int = 0


def list_slots(total: int, kind: str = "assess") -> list[Slot]:
    from pmpath.answers import load_raw
    from pmpath.catalog import read_text
    from pmpath.files import PRIVATE_DIR, PRIVATE_FILE, tighten

    where = resume_dir(kind)
    paths = sorted(where.glob("*.toml")) if where.is_dir() else []
    if kind == "assess" and _legacy_resume().is_file():
        paths.insert(0, _legacy_resume())
    for mine in (where.parent, where):  # made by an earlier pmpath with the umask's bits
        tighten(mine, PRIVATE_DIR)
    slots = []
    for path in paths:
        tighten(path, PRIVATE_FILE)
        try:
            data = load_raw(read_text(path), str(path), "toml")
            saved = datetime.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        except (PmpathError, OSError):
            continue  # a damaged slot is left alone, not offered
        profile = _table(data, "profile" if kind == "assess" else "review")
        ratings = _table(data, "ratings")
        stored = _table(data, "resume").get("lang")
        lang = stored if stored in ("en", "zh") else None
        given = profile.get("name" if kind == "assess" else "about")
        name = given if isinstance(given, str) else ""
        counted = _table(data, "resume").get("answered")
        answered = counted if type(counted) is int else len(profile) + len(ratings)
        slots.append(Slot(path, name, max(0, min(total, answered)), saved, lang, total))
    return slots


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _new_slot(name: str, kind: str = "assess") -> Path:
    """A name no other run can be using: time, process id and (for people) the person's name."""
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:30]
    unique = f"{os.getpid()}-{uuid.uuid4().hex[:6]}"
    return resume_dir(kind) / f"{stamp}-{unique}{'-' + slug if slug else ''}.toml"


def save_resume(
    values: dict[str, Any],
    lang: str,
    path: Path,
    previous: dict[str, Any] | None = None,
    recorded: int | None = None,
) -> Path:
    """Write a slot: the answers so far; the count the chooser shows, so it agrees with the
    "Resuming: n of total" that follows; and the answers each question opened on (the last
    run's, with --from-last), so a resumed run opens the remaining ones on them too."""
    from pmpath.answers import dumps_toml
    from pmpath.files import private_dir, write_atomic
    from pmpath.questionnaire import to_data

    private_dir(path.parent.parent)
    private_dir(path.parent)
    header = (
        "# pmpath: answers saved when the questionnaire was interrupted.\n"
        "# Continue with: pmpath assess --resume\n\n"
    )
    data = to_data(values)
    data["resume"] = {"lang": lang, "answered": len(values)}
    if previous:
        data["resume"]["previous"] = to_data(previous)
    if recorded is not None:  # the history holds this run: a resume must not record it again
        data["resume"]["recorded"] = recorded
    write_atomic(path, dumps_toml(data, header), force=True, private=True)
    return path


class Session:
    """One interactive run and its own resume slot, which no parallel run writes to."""

    def __init__(self, lang: str, kind: str = "assess") -> None:
        self.lang = lang
        self.kind = kind
        self.slot: Path | None = None
        self.previous: dict[str, Any] = {}  # what each question opened on (the last run's answers)
        self.values: dict[str, Any] = {}
        self.recorded: int | None = None  # the history's run of these answers, once recorded

    def keep(self, values: dict[str, Any]) -> tuple[Path | None, str | None]:
        """Save the answers so far in this run's slot; (path, None) or (None, why not)."""
        name = values.get("profile.name" if self.kind == "assess" else "review.about") or ""
        path = self.slot or _new_slot(str(name), self.kind)
        try:
            save_resume(values, self.lang, path, self.previous, self.recorded)
        except (PmpathError, OSError) as exc:
            if isinstance(exc, PmpathError):
                return None, exc.said.text(self.lang)
            why = Msg("e_cannot_write", target=str(path), why=Msg("lib", text=exc.strerror or str(exc)))
            return None, why.text(self.lang)
        self.slot = path
        self.values = values
        return path, None

    def mark_recorded(self, run_id: int) -> None:
        """Note in the slot that the history holds this run, so `--resume` after a Ctrl-C at the
        save prompts shows the report again without a second copy of the run."""
        self.recorded = run_id
        if self.slot is not None and self.values:
            self.keep(self.values)

    def done(self) -> None:
        if self.slot is not None:
            with contextlib.suppress(OSError):
                self.slot.unlink()


def claim(slot: Slot, kind: str = "assess") -> Path:
    """Take a slot for this run by renaming it: of two runs resuming the same slot, one wins."""
    from pmpath.files import private_dir

    mine = _new_slot(slot.name, kind)
    private_dir(mine.parent)
    try:
        os.rename(slot.path, mine)
    except FileNotFoundError:
        raise InputError(Msg("e_slot_taken", path=slot.path), hint=Msg("h_resume_again")) from None
    except OSError:
        return slot.path  # a read-only directory: resume from where it is
    return mine


def _last_answers(questions: tuple[Any, ...], lang: str, asked: bool) -> dict[str, Any]:
    """The last run's answers to open each question on: with --from-last, or when the person
    says yes at the start (the default). None kept, or a history that cannot be read: a blank
    questionnaire, with a note when --from-last asked for them."""
    from pmpath import history
    from pmpath.prompts import confirm
    from pmpath.questionnaire import from_data

    try:
        with history.connect() as conn:
            name = history.latest_name(conn)
            last = history.last(conn, name, lang=lang) if name is not None else None
    except PmpathError:
        last = None
    if last is None:
        if asked:
            err_info(T("from_last_none", lang=lang), lang=lang)
        return {}
    from pmpath.text import visible

    shown = visible(last.name) or T("unnamed_person", lang=lang)  # a stored name is shown, never obeyed
    if not asked and not confirm(T("offer_last", lang=lang, name=shown, date=last.at[:10]), lang=lang):
        return {}
    return from_data(last.answers, questions)[0]


def questionnaire(
    catalog: Catalog, language: Language, resume: bool, from_last: bool = False
) -> tuple[Answers, str, Session]:
    """Ask (or continue) the questionnaire; the answers, the language used, and the session
    whose slot keeps the complete answers until the person has saved them elsewhere."""
    from pmpath.prompts import QuestionnaireInterrupted, ask, review, stdin_is_interactive
    from pmpath.questionnaire import build_questions, from_data, to_data

    if not stdin_is_interactive():
        shown = language.code
        raise NoTerminalError(T("no_terminal", lang=shown), hint=T("no_terminal_hint", lang=shown))
    answered: dict[str, Any] = {}
    total = len(build_questions(catalog, "en"))
    lang = language.code
    if not resume:
        resume = offer_resume(total, lang)
    if resume:
        data, claimed, lang = _resumed(catalog, language, "assess", total)
        answered, rejected = from_data(data, build_questions(catalog, lang))
        err_info(T("resuming", lang=lang, n=len(answered), total=total), lang=lang)
        if rejected:
            err_info(T("resume_rejected", lang=lang, n=len(rejected), keys=", ".join(rejected)), lang=lang)
    questions = build_questions(catalog, lang)
    session = _resumed_session(data, claimed, questions, lang) if resume else Session(lang)

    try:
        if not resume:
            session.previous = _last_answers(questions, lang, from_last)
        values = review(questions, ask(questions, answered, lang, session.previous), lang)
    except QuestionnaireInterrupted as exc:
        raise _kept(exc.values, session, total, "resume_hint") from None
    from pmpath.answers import validated
    from pmpath.models import Answers

    given = validated(Answers, to_data(values), "", "answers", T("start_again", lang=lang))
    _, why = session.keep(values)  # complete answers stay safe until saved elsewhere
    if why:
        err_info(T("not_kept", lang=lang, why=why), lang=lang)
    return given, lang, session


def _resumed_session(data: dict[str, Any], claimed: Path, questions: tuple[Any, ...], lang: str) -> Session:
    """The session a resumed run continues: its slot, the answers its questions opened on
    (kept from a --from-last start) and the history's run, when it was already recorded."""
    from pmpath.questionnaire import from_data

    session = Session(lang)
    session.slot = claimed
    kept = _table(data, "resume")
    session.previous = from_data(_table(kept, "previous"), questions)[0]
    recorded = kept.get("recorded")
    session.recorded = recorded if type(recorded) is int else None
    return session


def _kept(values: dict[str, Any], session: Session, total: int, hint: str) -> Interrupted:
    """Ctrl-C during the questions: the answers so far saved in the run's slot, and what to say."""
    lang = session.lang
    if not values:
        return Interrupted(T("interrupted_nothing", lang=lang))
    path, why = session.keep(values)
    if path is None:
        return Interrupted(
            T("interrupted_unsaved", lang=lang, n=len(values), total=total, why=why),
            hint=T("interrupted_unsaved_hint", lang=lang),
        )
    return Interrupted(
        T("interrupted_saved", lang=lang, n=len(values), total=total, where=path), hint=T(hint, lang=lang)
    )


def offer_resume(total: int, lang: str) -> bool:
    """An interrupted questionnaire is waiting: say so and offer to continue it (Enter does);
    no starts a new one and leaves the saved answers for `--resume` later."""
    from pmpath.prompts import confirm

    slots = list_slots(total)
    if not slots:
        return False
    err_info(T("resume_note", lang=lang, n=len(slots), where=resume_dir()), lang=lang)
    return confirm(T("offer_resume", lang=lang, n=len(slots)), lang=lang)


def strong_skills(given: Answers, rep: Report, catalog: Catalog) -> list[str]:
    """The skills the person rated at or above the next level's minimum: the ones a promotion
    case will need an example of, best noted while it is remembered. The next level's defining
    skills come first: the packet asks for recent evidence of each (its `defining_evidence`)."""
    strong = [s.id for s in rep.skills if s.next_min is not None and given.ratings.get(s.id, 0) >= s.next_min]
    defining = catalog.level(rep.next_level.id).defining_skills if rep.next_level else ()
    return sorted(strong, key=lambda skill: skill not in defining)


def offer_evidence(given: Answers, rep: Report, catalog: Catalog, lang: str) -> int:
    """Offer to note examples of strong ratings in the evidence log: the default (Enter) skips
    it all in one keypress; a yes lists them to pick from (the next level's defining skills,
    which its packet asks evidence of, ticked first), then asks one line for each picked, an
    empty line skipping one. Returns the entries logged."""
    from pmpath import evidence
    from pmpath.prompts import ask_line, confirm, pick

    strong = strong_skills(given, rep, catalog)
    if not strong or rep.next_level is None:
        return 0
    level = catalog.level(rep.next_level.id).name.get(lang)
    if not confirm(T("offer_evidence", lang=lang, n=len(strong), level=level), default=False, lang=lang):
        return 0
    defining = catalog.level(rep.next_level.id).defining_skills
    chosen = pick(
        T("ev_pick", lang=lang),
        [
            (s, _strong_title(s, given, catalog, lang, s in defining), catalog.skill(s).name.get(lang))
            for s in strong
        ],
        {s for s in strong if s in defining},
        lang,
        T("ev_pick_label", lang=lang),
        T("ev_pick_help", lang=lang),
    )
    logged = 0
    today = datetime.date.today()
    for skill_id in chosen:
        name = catalog.skill(skill_id).name.get(lang)
        asked = T("ev_ask", lang=lang, skill=name, rating=given.ratings[skill_id])
        text = ask_line(asked, lang, evidence.text_problem)
        if not text:
            continue
        fields = evidence.entry(
            catalog, skill=skill_id, text=text, date=None, link=None, metric=None, action=None, today=today
        )
        entry_id = evidence.add(given.profile.name, fields)
        err_info(
            T("i_ev_added", lang=lang, id=entry_id, name=given.profile.name, skill=name, date=fields["date"]),
            lang=lang,
        )
        logged += 1
    if logged:
        err_info(T("i_ev_later", lang=lang), lang=lang)
    return logged


def _strong_title(skill_id: str, given: Answers, catalog: Catalog, lang: str, defining: bool) -> str:
    title = T(
        "ev_pick_choice",
        lang=lang,
        skill=catalog.skill(skill_id).name.get(lang),
        rating=given.ratings[skill_id],
    )
    return title + T("why_defining_mark", lang=lang) if defining else title


def offer_saves(
    given: Answers, rep: Report, catalog: Catalog, lang: str, session: Session, recorded: int | None = None
) -> None:
    """After an interactive run: keep the answers (to re-run or script) and export the plan.

    The complete answers sit in this run's resume slot until this finishes, so Ctrl-C here
    loses nothing; a file that cannot be written is reported and the next offer still made.
    Each file's format follows its name (`plan.html` is a page, `answers.json` JSON); a name
    pmpath cannot write is refused at the prompt, and declining to overwrite asks for another.
    Last, when the run was recorded, the offer to note examples for the evidence log.
    """
    from pmpath.prompts import confirm

    if recorded is not None:
        session.mark_recorded(recorded)
    try:
        if confirm(T("offer_answers", lang=lang), lang=lang):
            _save(
                "answers_file",
                "pmpath-answers.toml",
                ANSWERS_SUFFIXES,
                lambda k: _answers_text(given, catalog, k),
                lang,
            )
        if confirm(T("offer_plan", lang=lang), lang=lang):
            _save(
                "plan_file",
                "pmpath-plan.md",
                PLAN_SUFFIXES,
                lambda k: _plan_text(rep, catalog, k, lang),
                lang,
            )
        if recorded is not None:  # entries live beside the run in the history: none without it
            offer_evidence(given, rep, catalog, lang)
    except KeyboardInterrupt:
        if session.slot is None:
            raise Interrupted(T("interrupted_nothing_kept", lang=lang)) from None
        hint = T("i_see_again", lang=lang, id=recorded) if recorded else T("see_again_hint", lang=lang)
        raise Interrupted(T("interrupted_kept", lang=lang, where=session.slot), hint=hint) from None
    session.done()


ANSWERS_SUFFIXES = {".toml": "toml", ".json": "json"}
PLAN_SUFFIXES = {".md": "md", ".html": "html", ".htm": "html", ".json": "json"}


def _json(data: Any) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _answers_text(given: Answers, catalog: Catalog, kind: str) -> str:
    from pmpath.answers import answers_to_data, dumps_toml

    data = answers_to_data(given, catalog)
    if kind == "json":
        return _json(data)
    header = "# pmpath answers file: re-run with `pmpath assess --answers <this file>`.\n\n"
    return dumps_toml(data, header)


def _plan_text(rep: Report, catalog: Catalog, kind: str, lang: str) -> str:
    return str(render_report(rep, catalog, OutputFormat(kind), lang))


def _save(ask: str, default: str, suffixes: dict[str, str], text: Any, lang: str) -> None:
    """Ask for a name until the file is written, could not be (said), or the person moves on."""
    from pmpath.prompts import ask_path

    while True:
        target = ask_path(T(ask, lang=lang), default, lang, tuple(suffixes))
        kind = suffixes[Path(target).suffix.lower()]
        if _write_interactive(target, text(kind), lang) != "declined":
            return
        default = target


def _write_interactive(target: str, text: str, lang: str) -> str:
    """Write, asking before an overwrite: written, declined (the person keeps the file and is
    asked for another name) or failed (said on stderr)."""
    from pmpath.errors import OutputExistsError
    from pmpath.files import write_atomic
    from pmpath.output import err
    from pmpath.prompts import confirm

    path = Path(target).expanduser()
    try:
        try:
            write_atomic(path, text)
        except OutputExistsError:
            if not confirm(T("overwrite", lang=lang, path=path), default=False, lang=lang):
                err_info(T("kept_existing", lang=lang, path=path), lang=lang)
                return "declined"
            write_atomic(path, text, force=True)
    except PmpathError as exc:
        err(exc.said, exc.hinted, lang=lang)
        return "failed"
    err_info(T("wrote", lang=lang, path=path), lang=lang)
    return "written"


def _resumed(catalog: Catalog, language: Language, kind: str, total: int) -> tuple[dict[str, Any], Path, str]:
    """The answers of an interrupted run the person picks, the slot now theirs, the language."""
    from pmpath.answers import load_raw
    from pmpath.catalog import read_text
    from pmpath.prompts import choose_slot

    slots = list_slots(total, kind)
    prefix = "" if kind == "assess" else "rv_"
    if not slots:
        shown = language.code
        raise InputError(
            T(f"{prefix}no_resume", lang=shown, where=resume_dir(kind)),
            hint=T(f"{prefix}no_resume_hint", lang=shown),
        )
    chosen = slots[0] if len(slots) == 1 else choose_slot(slots, language.code)
    lang = language.or_stored(chosen.lang)
    claimed = claim(chosen, kind)
    data = load_raw(read_text(claimed), str(claimed), "toml")
    return data, claimed, lang


def rater_questionnaire(catalog: Catalog, language: Language, resume: bool) -> tuple[Review, str, Session]:
    """`pmpath review`: who reviews whom, then every skill about that person ("can't judge"
    allowed); the same keys, wrapping, Ctrl-C and resume as the self-assessment."""
    from pmpath.prompts import QuestionnaireInterrupted, ask, review, stdin_is_interactive
    from pmpath.questionnaire import build_review_meta, build_review_skills, from_data, review_data

    if not stdin_is_interactive():
        shown = language.code
        raise NoTerminalError(T("no_terminal", lang=shown), hint=T("no_terminal_hint", lang=shown))
    total = 3 + len(catalog.skills)
    lang = language.code
    answered: dict[str, Any] = {}
    claimed: Path | None = None
    if resume:
        data, claimed, lang = _resumed(catalog, language, "review", total)
        probe = (*build_review_meta(lang), *build_review_skills(catalog, "", lang))
        answered, rejected = from_data(data, probe)
        answered.pop("profile.name", None)
        err_info(T("resuming", lang=lang, n=len(answered), total=total), lang=lang)
        if rejected:
            err_info(T("resume_rejected", lang=lang, n=len(rejected), keys=", ".join(rejected)), lang=lang)
    session = Session(lang, "review")
    session.slot = claimed
    values: dict[str, Any] = dict(answered)
    try:
        # only a manager is asked their name: everyone else stays anonymous, so is not asked it
        meta = tuple(q for q in build_review_meta(lang) if q.key != "review.by")
        values = ask(meta, values, lang)
        if values.get("review.role") == "manager":
            meta = build_review_meta(lang)
            values = ask(meta, values, lang)
        name = str(values["review.about"])
        err_info(T("rv_start", lang=lang, name=name), lang=lang)
        questions = (*meta, *build_review_skills(catalog, name, lang))
        values = review(
            questions, ask(questions, values, lang), lang, done="q_review_save", heading="q_review_rater"
        )
    except QuestionnaireInterrupted as exc:
        raise _kept(exc.values, session, total, "rv_resume_hint") from None
    from pmpath.answers import validated
    from pmpath.models import Review

    kept, why = session.keep(values)
    data = review_data(values)
    if not data["ratings"]:
        raise InputError(T("rv_none_rated", lang=lang), hint=T("rv_resume_hint", lang=lang) if kept else None)
    given = validated(Review, data, "", "review", T("rv_resume_hint", lang=lang))
    if why:
        err_info(T("not_kept", lang=lang, why=why), lang=lang)
    return given, lang, session


def save_review(
    given: Review, catalog: Catalog, lang: str, session: Session, output: Path | None, force: bool
) -> None:
    """Write the review file (asking where, and before an overwrite); the slot goes only once
    the file is safely written, so nothing a rater answered is lost."""
    from pmpath.answers import dumps_toml, review_to_data
    from pmpath.prompts import ask_path

    header = (
        "# pmpath review file: add it with `pmpath assess --answers THEIR-FILE --review <this file>`.\n\n"
    )
    data = review_to_data(given, catalog)
    text = dumps_toml(data, header)
    slug = re.sub(r"[^a-z0-9]+", "-", given.review.about.lower()).strip("-")[:30] or "someone"
    try:
        if output is not None:
            from pmpath.files import write_atomic

            write_atomic(output, text, force=force)
            err_info(T("wrote", lang=lang, path=output), lang=lang)
            target = str(output)
        else:
            target = f"review-{slug}-{given.review.role}.toml"
            while True:
                target = ask_path(T("rv_file", lang=lang), target, lang, tuple(ANSWERS_SUFFIXES))
                kind = ANSWERS_SUFFIXES[Path(target).suffix.lower()]
                written = _write_interactive(target, text if kind == "toml" else _json(data), lang)
                if written == "failed":
                    raise InputError(T("rv_not_saved", lang=lang, where=session.slot))
                if written == "written":
                    break
    except KeyboardInterrupt:
        raise Interrupted(
            T("interrupted_kept", lang=lang, where=session.slot), hint=T("rv_resume_hint", lang=lang)
        ) from None
    session.done()
    err_info(T("rv_send", lang=lang, path=target, name=given.review.about), lang=lang)
