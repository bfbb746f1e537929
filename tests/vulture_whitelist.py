"""Names vulture cannot see used: model fields read by pydantic and the renderers, typer
commands registered by decorator, a signal handler's signature, a key binding. Anything else
vulture reports is dead code: remove it rather than add it here."""

# ruff: noqa
# fmt: off
frame  # unused variable (pmpath/boundary.py:90)
signum  # unused variable (pmpath/boundary.py:90)
review_cmd  # unused function (pmpath/cli.py:320)
history_list  # unused function (pmpath/cli.py:522)
history_show  # unused function (pmpath/cli.py:534)
history_forget  # unused function (pmpath/cli.py:561)
history_export  # unused function (pmpath/cli.py:592)
ladder_check  # unused function (pmpath/cli.py:640)
ladder_init  # unused function (pmpath/cli.py:667)
schema_version  # unused variable (pmpath/cohort.py:108)
tolerance_source  # unused variable (pmpath/models.py:286)
years_per_skill_point_source  # unused variable (pmpath/models.py:288)
typical_years_per_skill_point_source  # unused variable (pmpath/models.py:290)
years_per_promotion_source  # unused variable (pmpath/models.py:292)
responsibilities  # unused variable (pmpath/models.py:371)
experience_source  # unused variable (pmpath/models.py:377)
skill_minimums_source  # unused variable (pmpath/models.py:379)
defining_skills_source  # unused variable (pmpath/models.py:382)
typical_years_source  # unused variable (pmpath/models.py:388)
levels_reason  # unused variable (pmpath/models.py:414)
level_min  # unused variable (pmpath/models.py:566)
gap_to_next  # unused variable (pmpath/models.py:569)
gap_to_cpo  # unused variable (pmpath/models.py:570)
manages_people  # unused variable (pmpath/models.py:646)
raters  # unused variable (pmpath/models.py:707)
schema_version  # unused variable (pmpath/models.py:735)
schema_version  # unused variable (pmpath/progress.py:52)
_back  # unused function (pmpath/prompts.py:80)
points  # unused variable (pmpath/render/charts.py:25)
x1  # unused variable (pmpath/render/charts.py:33)
y1  # unused variable (pmpath/render/charts.py:34)
height  # unused variable (pmpath/render/charts.py:46)
x_earliest  # unused variable (pmpath/render/charts.py:96)
width_earliest  # unused variable (pmpath/render/charts.py:97)
height  # unused variable (pmpath/render/charts.py:105)
height  # unused variable (pmpath/render/charts.py:155)
_pct  # unused function (pmpath/render/markdown.py:310)
people_count  # unused variable (pmpath/render/views.py:301)
__signature__  # set on the typer shims: typer reads it (pmpath/cli.py)
__annotations__  # the same
format_help  # click calls it on pmpath's command classes for a help page (pmpath/cli.py)
region  # a course's region: data for JSON readers and ladder authors (pmpath/models.py)
for_  # the packet's `for` field in its JSON (pmpath/packet.py)
metric_share  # the packet's JSON states the metric rule's share for its readers (pmpath/packet.py)
ring  # unused variable (pmpath/render/charts.py: read by templates/charts.html.j2)
stacked  # unused variable (pmpath/render/charts.py: read by templates/charts.html.j2)
rungs  # unused variable (pmpath/render/views.py: read by templates/report.html.j2)
course_for  # the resource a reader of a language is sent to: for callers and tests (pmpath/models.py)
notes_source  # where a level's notes come from: data for ladder authors (pmpath/models.py)
bash  # a shell typer's completion serves: a choice of --install-completion/--show-completion (pmpath/cli.py)
zsh  # as bash
fish  # as bash
powershell  # as bash
pwsh  # as bash
install_completion  # typer reads the root options from the callback's signature (pmpath/cli.py)
show_completion  # as install_completion
