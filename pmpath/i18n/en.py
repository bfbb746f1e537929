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

STRINGS.update(
    {
        "r_level": "Level",
        "r_next": "Next",
        "r_why": "Why",
        "r_skills": "Skills",
        "r_skill": "Skill",
        "r_you": "You",
        "r_roadmap": "Roadmap to",
        "r_top": "You are at the top of the ladder: no roadmap steps remain.",
        "r_step": "Step",
        "r_in_years": "typically in about {y}",
        "r_in_years_earliest": "{y} at the earliest",
        "r_build": "Skills to build",
        "r_experience": "Experience",
        "r_degrees": "Degrees",
        "r_network": "Network",
        "r_courses": "Courses",
        "r_kpis": "KPIs to own as evidence",
        "r_none_gap": "no skill gaps for this level",
        "r_carried": "and, from the step before: {names}",
        "r_years_in_product": "{need} years in product (you have {now})",
        "r_years_managing": "{need} years managing people (you have {now})",
        "r_total": "Typically about {y} to {target}",
        "r_earliest": "{y} at the earliest",
        "r_defining": "Defining skills (never let through by the tolerance)",
        "r_switch": "Switch to the management track at {level}",
        "r_switch_status": "{need} years managing people (you have {now}); delegation {dnow}→{dneed}",
        "r_connections": "{now} of {target} connections",
        "r_recommended": "recommended",
        "r_held": "you hold",
        "r_not_held": "none yet (a recommendation, not a requirement)",
    }
)

STRINGS.update(
    {
        "r_details": "Details",
        "r_next_quarter": "For the next quarter",
        "r_legend": "Bars: █ your rating  ░ missing for the next level  · beyond it",
        "r_skills_title": "Skills (next: {next})",
        "r_act_manage": "Start managing people: the next step needs {y} more year(s) of it.",
        "r_act_network": "Grow your professional network to {target} (now {now}).",
        "r_no_pager": "Show the report without a pager.",
    }
)

STRINGS.update(
    {
        "md_someone": "Product manager",
        "md_title": "Career plan: {who}",
        "md_generated": "Generated by pmpath {version}",
        "md_generated_on": " on {date}.",
        "md_where": "Where you stand",
        "md_level": "Level:",
        "md_next": "next:",
        "md_none_given": "none given",
        "md_years": "Years in product: {y}",
        "md_managing": "Years managing people: {y}",
        "md_degrees": "Degrees: {d}",
        "md_network": "Professional network: {n} connections",
        "md_why": "Why this level",
        "md_skills": "Skills",
        "md_skill": "Skill",
        "md_you": "You",
        "md_next_col": "Next: {name}",
        "md_roadmap": "Roadmap to {target}",
        "md_top": "You are at the top of the ladder: no steps remain.",
        "md_total": "Typically about {y} years to {target} ({year}); {earliest} at the earliest.",
        "md_switch": "Switch to the management track at {level}",
        "md_switch_status": "{need} years managing people (now {now}), delegation {dnow} → {dneed}.",
        "md_timeline": "Timeline",
        "md_tl_step": "Step",
        "md_tl_level": "Level",
        "md_tl_typical": "Typical years from now",
        "md_tl_typical_year": "Typical year",
        "md_tl_earliest": "Earliest years",
        "md_tl_earliest_year": "Earliest year",
        "md_how": "How this plan was made",
        "md_how_text": "Placement and thresholds come from pmpath's level catalogue, which cites its sources (`pmpath levels --format json`). Degrees are recommendations, never requirements.",
        "md_when": "typically in about {y} years, {year}; {earliest} at the earliest",
        "md_step": "Step {n}: {name} ({when})",
        "md_defining": "Defining skills: {names}.",
        "md_build": "Skills to build",
        "md_no_gaps": "No skill gaps for this level.",
        "md_experience": "Experience",
        "md_exp_years": "{need} years in product (now {now})",
        "md_exp_managing": "{need} years managing people (now {now})",
        "md_degrees_head": "Degrees",
        "md_recommended": "Recommended, not required: {names}",
        "md_network_head": "Network",
        "md_grow": "Grow your network to {target} connections (now {now})",
        "md_courses": "Courses",
        "md_builds": " (builds: {names})",
        "md_kpis": "KPIs to own as evidence",
    }
)

STRINGS.update(
    {
        "r_t_levels": "Levels",
        "r_t_level": "Level",
        "r_t_years": "Years",
        "r_t_managing": "Managing",
        "r_t_role": "What the role does",
        "r_t_courses": "Courses",
        "r_t_course": "Course",
        "r_t_format": "Format",
        "r_t_cost": "Cost",
        "r_t_unknown": "-",
        "r_t_for": "For: {levels}",
        "r_t_source": "Source ({confidence}): {source}",
        "r_t_seen": "seen {year}",
        "r_t_kind_programme": "programme",
        "r_t_kind_certificate": "certificate",
        "r_t_kind_course": "course",
        "r_t_kind_degree": "degree",
        "r_t_kind_book": "book",
    }
)

STRINGS.update(
    {
        "tpl_head": "pmpath answers file. Fill in every value, then run:",
        "tpl_placeholders": "Placeholders (-1 and 0) are not valid answers, so nothing can be skipped by accident.",
        "tpl_name": "Your name, shown on the report (optional; delete the line to stay anonymous).",
        "tpl_years": "Years in product roles (PM, APM, product owner...); decimals are fine, e.g. 2.5.",
        "tpl_managing": "Years managing people (direct reports); 0 if none.",
        "tpl_degrees": 'Degrees you hold, any of: {ids}. Example: ["bachelor", "mba"]',
        "tpl_network": "Professional connections (your LinkedIn, Maimai or WeChat contacts).",
        "tpl_ratings": "For each skill pick the statement (1-5) most like what you typically do today,",
        "tpl_ratings2": "not what you could do on your best day. `pmpath skills` shows the same texts.",
        "unknown_suffix": "{path}: unknown output suffix {suffix}",
        "supported": "Supported: {formats}; or give --format.",
    }
)

STRINGS.update({"yes_no_default_yes": "(Y/n) ", "yes_no_default_no": "(y/N) ", "yes": "yes", "no": "no"})

STRINGS.update(
    {
        "why_defining_mark": " (a defining skill)",
        "why_skill": "{name}{mark}: rated {have}, needs {need}",
        "why_experience": "product experience: {have}, needs {need}",
        "why_managing": "people management: {have}, needs {need}",
        "why_list_sep": "; ",
        "why_name_sep": ", ",
        "why_met": "Meets the bar of {name}: its defining skills ({defining}) are all met, {at_min} of {total} skills are at their minimum, and {years}+ years in product (you have {have}).",
        "why_tolerated": "{what}: one point short, let through by the tolerance (one skill that does not define the level may be a point short).",
        "why_entry": "{name} is the entry level everyone starts from; its bar is not met yet: {shortfalls}.",
        "why_not_yet": "Not yet {name}: {items}.",
        "why_top": "You are at the top of the ladder.",
    }
)
