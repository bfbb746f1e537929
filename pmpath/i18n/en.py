"""English interface strings."""

STRINGS: dict[str, str] = {
    "no_terminal": "the interactive questionnaire needs a terminal (stdin is not one)",
    "no_terminal_hint": (
        "Run it in a terminal, or answer from a file: pmpath assess --answers FILE (see pmpath template)."
    ),
    "stdin_closed": "standard input closed before the questionnaire ended",
    "no_resume": "no interrupted questionnaire to resume (nothing saved in {where})",
    "no_resume_hint": "Start a new one with: pmpath assess",
    "resuming": "Resuming: {n} of {total} questions already answered.",
    "resume_rejected": "{n} saved answer(s) were not valid and will be asked again: {keys}",
    "resume_note": (
        "Note: {n} interrupted questionnaire(s) are saved in {where}; `pmpath assess --resume` continues one."
    ),
    "choose_slot": "Which interrupted questionnaire do you want to continue?",
    "slot_title": "{name} · {answered} of {total} answered · saved {saved}",
    "unnamed": "(no name)",
    "interrupted_nothing": "interrupted before any question was answered; nothing to save",
    "interrupted_saved": "interrupted: {n} of {total} answers saved to {where}",
    "interrupted_unsaved": "interrupted: {n} of {total} answers could not be saved ({why})",
    "interrupted_unsaved_hint": (
        "Make pmpath's data directory writable, or answer from a file with --answers."
    ),
    "resume_hint": "Continue where you stopped with: pmpath assess --resume",
    "start_again": "Start the questionnaire again with: pmpath assess",
    "not_kept": "note: your answers could not be kept for --resume ({why}); save them below",
    "offer_answers": "Save your answers to a file, to re-run or script this later?",
    "answers_file": "Answers file:",
    "offer_plan": "Export your plan to Markdown?",
    "plan_file": "Plan file:",
    "file_name_needed": "Enter a file name",
    "interrupted_nothing_kept": "interrupted: your answers could not be kept (see the note above)",
    "interrupted_kept": "interrupted: your complete answers are kept in {where}",
    "see_again_hint": "See the report again with: pmpath assess --resume",
    "overwrite": "{path} exists. Overwrite it?",
    "kept_existing": "kept the existing {path}",
    "wrote": "wrote {path}",
}

STRINGS.update(
    {
        "q_profile": "Your profile",
        "q_name": "Your name (optional, shown on the report):",
        "q_years": "Years in product roles (e.g. 6 or 2.5):",
        "q_managing": "Years managing people (0 if none):",
        "q_degrees": "Degrees you hold:",
        "q_degrees_help": "(space selects, enter confirms; none is fine)",
        "q_network": "Professional connections (e.g. 1,200):",
        "q_skill": "{n}/{total} {name}",
        "q_skill_header": "Skill {n} of {total} · {group}. Which is most like what you typically do?",
        "q_skill_help": "Arrows or 1-5, then Enter. Ctrl-B goes back one question.",
        "q_number": "Enter a number from 0 to {max}",
        "q_integer": "Enter a whole number from 0 to {max}",
        "q_label_name": "Name",
        "q_label_years": "Years in product",
        "q_label_managing": "Years managing people",
        "q_label_degrees": "Degrees",
        "q_label_network": "Connections",
        "q_none": "none",
        "q_review": "Your answers. Change one, or continue to your report:",
        "q_review_ok": "All correct: show my report",
        "q_review_help": "Arrows, then Enter.",
        "degree_none": "No degree",
        "degree_bachelor": "Bachelor's degree",
        "degree_master": "Master's degree (other field)",
        "degree_mba": "MBA",
        "degree_ms_cs": "MS in Computer Science",
        "degree_phd": "PhD",
    }
)
