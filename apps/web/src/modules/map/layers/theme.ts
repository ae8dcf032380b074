/**
 * Colour and size tokens of the map. Layer definitions take every colour from here, so a theme
 * change is one file. Unit grid lines are magenta (品红色), as DB11/T 1334-style grid maps draw them.
 */
export const mapTheme = {
  background: '#f4f3ef',
  labelHalo: '#ffffff',
  labelFont: ['sans-serif'],
  district: {
    line: '#3d4a5c',
  },
  street: {
    line: '#5b6b82',
    label: '#2f3b4c',
  },
  community: {
    fill: '#dde6ef',
    fillOpacity: 0.45,
    line: '#8fa1b5',
    label: '#4a5a6e',
  },
  grid: {
    line: '#d81b8c',
    label: '#9c1266',
  },
  component: {
    /** By state: 完好 intact, 破损 damaged, 丢失 missing, 占用 occupied, else (废弃/移除). */
    intact: '#2e7d5b',
    damaged: '#e0862b',
    missing: '#c62828',
    occupied: '#7b4fb0',
    other: '#8a8f98',
    stroke: '#ffffff',
    count: '#1f5f8b',
    countText: '#ffffff',
  },
  /** The selected grid and point (blue, to stand apart from magenta grid lines). */
  highlight: {
    line: '#1565c0',
    fill: '#42a5f5',
  },
  quality: {
    error: '#c62828',
    warning: '#f9a825',
  },
  road: {
    arterial: '#e89b3c',
    secondary: '#f0c060',
    branch: '#c8c2b4',
    lane: '#d8d3c8',
  },
  /** Case points by time-limit status (案卷时限状态): green on time, yellow due soon, red overdue. */
  caseClock: {
    green: '#2e7d32',
    yellow: '#f9a825',
    red: '#c62828',
    none: '#607d8b',
    stroke: '#ffffff',
    selected: '#1565c0',
  },
} as const;
