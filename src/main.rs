//! The page's entry point: installs the panic hook and mounts the app.

fn main() {
    mlops_playground::browser::panic::install();
    leptos::mount::mount_to_body(mlops_playground::app::App);
}
