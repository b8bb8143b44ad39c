//! The least a ratatui application can draw: one bordered paragraph, then the first key ends it. The
//! reference for the first-frame target (issue 9 §3): `soc2-ready open` on the built-in questionnaire
//! should take no more than 1.5 times the CPU of this process (README, Speed).

use ratatui::widgets::{Block, Paragraph};

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    terminal
        .draw(|f| f.render_widget(Paragraph::new("Hello").block(Block::bordered().title("soc2-ready")), f.area()))?;
    let _ = crossterm::event::read();
    ratatui::restore();
    Ok(())
}
