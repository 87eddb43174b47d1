/* Make the evidence table sortable (tablesort, vendored). Without JavaScript it is a plain table. */
document.querySelectorAll("table[data-evidence=table]").forEach(function (table) {
  if (window.Tablesort) { new Tablesort(table); }
});
