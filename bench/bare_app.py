"""The baseline for the browser and load benchmarks: a bare Streamlit app with one slider and one Altair chart.

Run it:  .venv/bin/streamlit run bench/bare_app.py
"""

import altair as alt
import pandas as pd
import streamlit as st

value = st.slider("Pain (out of 10)", min_value=0, max_value=10, key="pain")
data = pd.DataFrame({"measure": ["pain", "line"], "value": [value, 7]})
chart = alt.Chart(data).mark_bar().encode(x=alt.X("value:Q", scale=alt.Scale(domain=[0, 10])), y="measure:N")
st.altair_chart(chart, alt=f"Bar chart: pain {value} against a line at 7.", key="bare-chart", width="stretch")
