# The presenter view: one step of a case on a 16:9 stage. What it says is decided in explainer.presentation; how it
# is drawn, in ui/stage.py; where each part goes, in ui/layout.py.


from explainer import presentation
from ui import classroom, layout, room, router, stage, state, teaching

router.enter()  # the page under the router even on a server's first link: see ui/router.py

content = state.content_or_stop()
scenarios, text = classroom.classroom_or_stop(content)
groups = classroom.groups_or_stop(content)
words = text["present"]
slots = layout.slots()
assert isinstance(slots, layout.StageSlots), "the router lays out the stage (ui/layout.py)"
stage.look()

# A case a link named reaches the address bar only on the next run (ui/classroom.py): the stage asks for that run
# at once, so the link's history entry holds the whole scenario before any key is pressed.
stage.keys(words["blank"], on_case_key=stage.case_keys(content, scenarios, groups),
           settle=classroom.case_waiting_for_link())
case = stage.shown_case(content, scenarios)
content = teaching.controls(content, slots.more, slots.text, popover=True)  # a teaching line the presenter moved
assessment = state.assessment(content)  # the same inputs, worked out once per set
where, predict = stage.position(content)
step = presentation.step_at(where.step, content, words)

stage.head(slots, content, case, step, where, words)
if where.answer_shown:
    stage.answer(slots, content, step, assessment, words)
else:
    stage.question(slots, content, step, words)
stage.nav(slots, content, where, predict, words)
stage.more(slots, content, scenarios, groups, case, words, text["share"])

room.on_stage(content, slots, step, where, assessment, case, words["no_leader"])  # the room vote (ui/room.py)
