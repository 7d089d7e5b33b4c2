"""Turn a county's folder tree and resource list into lesson sources (`eduteach-hub import`)."""
