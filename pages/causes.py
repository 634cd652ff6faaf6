import streamlit as st

import explainer
from explainer import charts
from ui import render, state

content = state.content_or_stop()
render.page_top(state.link_notes())
assessment = explainer.assess(state.current_inputs(content))

st.title("Which causes fit?")
st.write(
    "Add the context and any blood test values in **Your scenario** (sidebar). Each cause gets points for the "
    "clues that point to it and loses points for clues against it. This shows how the article's causes relate "
    "to the clues. It cannot tell what is causing anyone's spasms: only a health professional can."
)
st.caption("Blood test reference ranges vary by laboratory. An unknown value counts for nothing.")

render.chart_with_table(
    charts.cause_chart(assessment),
    charts.cause_chart_description(assessment),
    charts.cause_table(assessment, content),
    key="cause-chart",
    downloads="causes-chart",
)
render.handout_download(content, assessment, key="handout-causes")

render.article_quote(content, "causes_introduction", "What the article says about causes")

st.markdown("## Each cause and its clues")
for fit in assessment.cause_fit:
    cause = content.cause(fit.id)
    with st.container(key=f"cause-{fit.id}", border=True):
        kind = "Serious cause" if fit.kind == "serious" else "Everyday cause"
        st.markdown(f"### {fit.name}: {fit.score:.0%} fit")
        st.caption(f"{kind}. {cause.summary}")
        st.write(fit.explanation)
        for clue in fit.clues:
            mark = "✓ present" if clue.present else "– not present"
            side = "for" if clue.direction == "for" else "against"
            st.markdown(f"- **{mark}**, counts {side} (weight {clue.weight:g}): {clue.text}. {clue.explain}")
        st.caption(render.source_text(content, [clue.source for clue in fit.clues]))
        if fit.kind == "serious":
            section = content.section(cause.section)
            with st.expander("What the article says, and its treatments"):
                for paragraph in section.paragraphs:
                    st.markdown("> " + paragraph)
                st.caption(
                    render.source_text(content, ["article"])
                    + ". Treatments are listed to explain the article, not as advice."
                )
                render.words_in_part(content, section.paragraphs)
        else:
            st.caption("The article names this as an everyday cause and gives no treatment for it.")
