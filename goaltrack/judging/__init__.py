"""Judging: the goals and their figures from the database, judged by the progress maths, and compared."""
