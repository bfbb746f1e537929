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
