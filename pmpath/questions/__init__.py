"""The questions pmpath answers, as plain functions over a knowledge base: data in, data out.

They return answers (named tuples, dataclasses) and raise typed problems (:mod:`.problems`); they never speak command line.
"""
