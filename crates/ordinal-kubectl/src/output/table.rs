//! Column alignment exactly like kubectl's tabwriter (cli-runtime `GetNewTabWriter`:
//! minwidth 6, padding 3, pad char ' ', flag RememberWidths — liggitt/tabwriter, a fork of Go's
//! text/tabwriter). Cells are separated by '\t'; the last cell of a line is never padded.
//! `RememberWidths` keeps the widest width seen per column across flushes, which is how
//! `kubectl get -w` keeps later rows aligned with the header (and grows when a wider cell comes).

/// A tab-separated text buffer that aligns columns on `flush`.
#[derive(Clone, Debug)]
pub struct TabWriter {
    pending: String,
    max_widths: Vec<usize>,
    min_width: usize,
    padding: usize,
    remember: bool,
}

impl Default for TabWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl TabWriter {
    /// kubectl's table writer (minwidth 6, padding 3, RememberWidths).
    pub fn new() -> Self {
        TabWriter {
            pending: String::new(),
            max_widths: Vec::new(),
            min_width: 6,
            padding: 3,
            remember: true,
        }
    }

    /// `kubectl describe`'s writer (`tabwriter.Init(buf, 0, 8, 2, ' ', 0)`).
    pub fn describe() -> Self {
        TabWriter {
            pending: String::new(),
            max_widths: Vec::new(),
            min_width: 0,
            padding: 2,
            remember: false,
        }
    }

    /// Appends text; lines end with '\n', cells end with '\t'.
    pub fn write(&mut self, s: &str) {
        self.pending.push_str(s);
    }

    /// Aligns everything written since the last flush and returns it.
    pub fn flush(&mut self) -> String {
        let text = std::mem::take(&mut self.pending);
        let mut lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
        // A trailing '\n' leaves one empty last line that is not printed.
        let ends_with_newline = text.ends_with('\n');
        if ends_with_newline {
            lines.pop();
        }
        let mut out = String::with_capacity(text.len() * 2);
        let mut widths: Vec<usize> = Vec::new();
        self.format(&lines, 0, lines.len(), &mut widths, &mut out);
        if !ends_with_newline && out.ends_with('\n') {
            out.pop();
        }
        out
    }

    /// Go's `Writer.format`: a column block is a run of consecutive lines that have a cell in
    /// this column (the last cell of each line does not count).
    fn format(
        &mut self,
        lines: &[Vec<&str>],
        line0: usize,
        line1: usize,
        widths: &mut Vec<usize>,
        out: &mut String,
    ) {
        let column = widths.len();
        let mut start = line0;
        let mut this = line0;
        while this < line1 {
            if column + 1 >= lines[this].len() {
                this += 1;
                continue;
            }
            write_lines(lines, start, this, widths, out);
            start = this;
            let mut width = self.min_width;
            while this < line1 && column + 1 < lines[this].len() {
                let w = cell_width(lines[this][column]) + self.padding;
                width = width.max(w);
                this += 1;
            }
            if !self.remember {
                widths.push(width);
                self.format(lines, start, this, widths, out);
                widths.pop();
                start = this;
                continue;
            }
            // RememberWidths.
            if self.max_widths.len() < widths.len() {
                let from = self.max_widths.len();
                self.max_widths.extend_from_slice(&widths[from..]);
            }
            if self.max_widths.len() == widths.len() {
                self.max_widths.push(width);
            } else if self.max_widths[column] > width {
                width = self.max_widths[column];
            } else {
                self.max_widths[column] = width;
            }
            widths.push(width);
            self.format(lines, start, this, widths, out);
            widths.pop();
            start = this;
        }
        write_lines(lines, start, line1, widths, out);
    }
}

fn cell_width(s: &str) -> usize {
    s.chars().count()
}

fn write_lines(
    lines: &[Vec<&str>],
    line0: usize,
    line1: usize,
    widths: &[usize],
    out: &mut String,
) {
    for line in &lines[line0..line1] {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if j + 1 < line.len() && j < widths.len() {
                let pad = widths[j].saturating_sub(cell_width(cell));
                out.extend(std::iter::repeat_n(' ', pad));
            } else if j + 1 < line.len() {
                // A cell beyond the known widths (cannot happen with uniform tables).
                out.push(' ');
            }
        }
        out.push('\n');
    }
}

/// Aligns a whole table at once (header + rows), as `kubectl get` prints it.
pub fn render(rows: &[Vec<String>]) -> String {
    let mut tw = TabWriter::new();
    for r in rows {
        tw.write(&r.join("\t"));
        tw.write("\n");
    }
    tw.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn pods_table_matches_kubectl_layout() {
        let out = render(&[
            row(&["NAME", "READY", "STATUS", "RESTARTS", "AGE"]),
            row(&["web-0", "1/1", "Running", "0", "10s"]),
            row(&["web-1", "0/1", "ContainerCreating", "0", "2s"]),
        ]);
        assert_eq!(
            out,
            "NAME    READY   STATUS              RESTARTS   AGE\n\
             web-0   1/1     Running             0          10s\n\
             web-1   0/1     ContainerCreating   0          2s\n"
        );
    }

    #[test]
    fn min_width_is_six_including_padding() {
        let out = render(&[row(&["A", "B"]), row(&["x", "y"])]);
        assert_eq!(out, "A     B\nx     y\n");
    }

    #[test]
    fn remember_widths_keeps_alignment_across_flushes() {
        let mut tw = TabWriter::new();
        tw.write("NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nweb-0\t0/1\tPending\t0\t0s\n");
        let first = tw.flush();
        assert_eq!(
            first,
            "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   0/1     Pending   0          0s\n"
        );
        tw.write("web-0\t0/1\tContainerCreating\t0\t1s\n");
        assert_eq!(
            tw.flush(),
            "web-0   0/1     ContainerCreating   0          1s\n"
        );
        // A narrower status later keeps the remembered (grown) width.
        tw.write("web-0\t1/1\tRunning\t0\t4s\n");
        assert_eq!(
            tw.flush(),
            "web-0   1/1     Running             0          4s\n"
        );
    }
}
