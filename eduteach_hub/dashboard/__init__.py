"""The county dashboard: server-rendered pages (Jinja2), charts with the vendored ECharts.

Stateless: the login session is a signed cookie (key in the database, shared by every
worker); every page reads the database's fact tables.
"""
