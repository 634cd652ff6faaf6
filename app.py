"""The app's entry point (``streamlit run app.py``): the router, its pages and the shared inputs are in ui/router.py."""

from ui import router

router.main()
