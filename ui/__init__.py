"""The app's Streamlit pieces. Importing the package first keeps visitors' values out of the server log."""

from ui import private_logs

private_logs.install()
