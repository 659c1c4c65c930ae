"""The web edge's parts: callbacks, HTML, uploads, the Gradio layout and serving."""
