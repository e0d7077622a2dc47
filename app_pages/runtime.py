"""Process-wide set-up of the app server, in one place: called once by `app.py`.

- Keras-session policy: the app keeps one Keras session for the whole process
  (`keep_keras_session`), because every model is loaded once (`st.cache_resource`).
- Logging: attnviz logs to the "attnviz" logger (a broken model file, once per file,
  `attnviz.models.paths.report_model_error`); Streamlit's handlers print it.

Not a page (app.py routes only the pages it lists) and no widgets: safe to call on
every script run.
"""

import sys


def clean_up_after_run():
    """Streamlit's after-run clean-up, without clearing the Keras session.

    Streamlit calls `keras.backend.clear_session()` after each run (for scripts that
    build a new model every run). Keras' clear_session also drops TensorFlow's kernel
    cache, so every run re-instantiated the attribution graphs: integrated gradients
    and occlusion of a 400-word review took 1.1-1.9 s per run instead of about 0.4 s.
    The app loads each model once per process (`st.cache_resource`), so there is no
    per-run state to clear. The rest of Streamlit's clean-up (closing matplotlib
    figures) is kept.
    """
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


def keep_keras_session():
    """Stop Streamlit (only Streamlit) from clearing the Keras session after every run.

    Replaces Streamlit's own after-run hook (`script_runner._clean_problem_modules`)
    by `clean_up_after_run`; `keras.backend.clear_session` itself stays Keras' own, so
    any code that calls it on purpose still clears the session. Works whether Keras is
    imported yet or not, so it holds from the first run. Idempotent.
    """
    from streamlit.runtime.scriptrunner import script_runner

    script_runner._clean_problem_modules = clean_up_after_run


def set_up():
    """Apply the process-wide policies (idempotent; cheap on every run)."""
    keep_keras_session()
