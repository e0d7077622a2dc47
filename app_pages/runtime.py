"""Process-wide set-up of the app server, in one place: called once by `app.py`.

- Keras-session policy: the app keeps one Keras session for the whole process
  (`keep_keras_session`), because every model is loaded once (`st.cache_resource`).
- Logging: attnviz logs to the "attnviz" logger (a broken model file, once per file,
  `attnviz.models.paths.report_model_error`); Streamlit's handlers print it.

Not a page (app.py routes only the pages it lists) and no widgets: safe to call on
every script run.
"""

import sys


def _keep_session(*args, **kwargs):
    """Stands in for `keras.backend.clear_session` in the app process (see below)."""


def keep_keras_session():
    """Stop Streamlit from clearing the Keras session after every script run.

    Streamlit calls `keras.backend.clear_session()` after each run (for scripts that
    build a new model every run). Keras' clear_session also drops TensorFlow's kernel
    cache, so every run re-instantiated the attribution graphs: integrated gradients
    and occlusion of a 400-word review took 1.1-1.9 s per run instead of about 0.4 s.
    The app loads each model once per process (`st.cache_resource`), so there is no
    per-run state to clear. Only the `keras.backend` name Streamlit calls is replaced.
    Call after Keras is imported (the model loaders do).
    """
    keras = sys.modules.get("keras")
    if keras is not None:
        keras.backend.clear_session = _keep_session


def set_up():
    """Apply the process-wide policies (idempotent; cheap on every run)."""
    keep_keras_session()
