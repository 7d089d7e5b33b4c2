"""The hub's HTTP API: the static repository, enrollment and the xAPI statements resource.

Build it with eduteach_hub.api.app.create_app(home).
"""
