"""The bilingual demo site: content/ holds the texts as data, images.py draws, builder.py builds.

This app is the demo's composition root: like pirsote/urls.py it may import every app.
"""
