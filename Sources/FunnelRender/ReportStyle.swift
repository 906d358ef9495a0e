/// The report page's CSS: colours as variables (light, then dark with `prefers-color-scheme`), used by
/// the page and its SVG charts alike, and a print layout that fits one A4 page.
enum ReportStyle {
    static let css = """
    :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d0d7de;
      --phase: #2f6fde; --win: #1a7f37; --archived: #8c959f; --new: #9a6700; --arc: #8250df; --node: #eef3fc; }
    @media (prefers-color-scheme: dark) {
      :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #30363d;
        --phase: #4493f8; --win: #3fb950; --archived: #6e7681; --new: #d29922; --arc: #ab7df8; --node: #161b22; }
    }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--fg);
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif, "Noto Color Emoji"; }
    main { max-width: 980px; margin: 0 auto; padding: 24px; }
    h1 { font-size: 1.5em; margin: 0 0 4px; }
    h2 { font-size: 1.15em; margin: 24px 0 6px; }
    .meta, .note, figcaption { color: var(--muted); font-size: 0.9em; }
    figure { margin: 8px 0; }
    svg { display: block; width: 100%; height: auto; max-height: 480px; }
    svg text { fill: var(--fg); font-size: 13px; }
    svg .count, svg .arc-count { font-weight: 600; }
    svg .arc-count { font-size: 12px; }
    .bar.phase { fill: var(--phase); } .bar.win { fill: var(--win); } .bar.archived { fill: var(--archived); }
    .arc { fill: none; stroke: var(--arc); stroke-opacity: 0.75; }
    .arc.to-archive { stroke: var(--archived); }
    .arrow { fill: var(--arc); }
    .node { fill: var(--node); stroke: var(--phase); stroke-width: 1.5; }
    .node.win { stroke: var(--win); } .node.archived { stroke: var(--archived); } .node.new { stroke: var(--new); }
    .node-label { font-size: 12px; }
    .table { overflow-x: auto; }
    /* The chart and its table side by side when there is room. */
    .pair { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 20px; align-items: start; }
    @media (max-width: 760px) { .pair { grid-template-columns: 1fr; } }
    table { border-collapse: collapse; margin: 8px 0; min-width: 50%; }
    th, td { text-align: left; padding: 3px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { font-weight: 600; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .print-only { display: none; }
    @media print {
      @page { size: A4; margin: 10mm; }
      body { font-size: 8.5pt; line-height: 1.25; background: #fff; color: #000; }
      th, td { padding: 1px 8px; }
      main { max-width: none; padding: 0; }
      h1 { font-size: 1.3em; }
      h2 { margin: 6px 0 2px; }
      svg { max-height: 60mm; }
      .pair { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }
      section, figure, table { break-inside: avoid; }
      tbody tr:nth-child(n+\(ReportHTMLView.printedRows + 1)) { display: none; }
      .print-only { display: block; }
    }
    """
}
