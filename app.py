"""The app's entry point (``streamlit run app.py``).

Streamlit reads this file twice, for two jobs:
- as the script of every run (its ``__name__`` is then ``"__main__"``): the router, its pages and the shared inputs,
  in ui/router.py;
- once, at start, as the server's entry: ``streamlit run`` finds ``app = st.App(...)`` below and serves it (the same
  Starlette server as without it), with one middleware that sends our style sheets with each page
  (ui/head.py: the page does not jump when they arrive).
"""

import streamlit as st

if __name__ == "__main__":
    from ui import router

    router.main()
else:
    from starlette.middleware import Middleware

    from ui.head import HeadStyles

    app = st.App(__file__, middleware=[Middleware(HeadStyles)])
