"""Authoring tools: new problems, problems from issue forms, the hackathon kit and the committed
files made from the data (issue forms, CODEOWNERS).
"""
