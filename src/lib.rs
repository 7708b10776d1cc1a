//! MLOps Playground, the web app (placeholder; the shell arrives next).
