// The month slider of the network page shows the month it points at while it moves. The
// page works without this script: the slider is a plain GET form, and the month is shown
// once the form is submitted.
for (const input of document.querySelectorAll("input[type=range][data-labels]")) {
  const labels = input.dataset.labels.split(",");
  const out = document.getElementById(input.dataset.output);
  if (!out) continue;
  const show = () => {
    out.textContent = labels[Number(input.value)] ?? "";
  };
  input.addEventListener("input", show);
  show();
}
