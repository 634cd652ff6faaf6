"""The app's Streamlit pieces. Importing the package first keeps visitors' values out of the server log, and puts
every later script run of the process through the admission gate (ui/admission.py)."""

from ui import admission, private_logs

private_logs.install()
admission.install()
