"""The command line: the Typer app (cli/main.py), the commands (cli/commands/), and the only
code that speaks to people: options, the pager, problems turned into words and exit codes."""
