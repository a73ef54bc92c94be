from goaltrack.cli import main

main(prog_name="goaltrack")
