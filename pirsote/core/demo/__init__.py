"""The bilingual demo site: content.py holds the texts, images.py draws, builder.py builds."""
