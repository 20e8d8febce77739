// The documentation page's own script: it drives the two embeds through the loader's API.
const first = document.getElementById('first');
const second = document.getElementById('second');

first.addEventListener('ordinal:state', (e) => {
  document.getElementById('first-state').textContent = e.detail.playing ? 'playing' : 'paused';
});
first.addEventListener('ordinal:ready', (e) => {
  document.getElementById('first-state').textContent = `ready at ${e.detail.now} ms`;
});
document.getElementById('pause-first').addEventListener('click', () => {
  window.Ordinal.send(first, { type: 'pause' });
});

second.addEventListener('ordinal:ran', (e) => {
  document.getElementById('second-result').textContent = `exit ${e.detail.exitCode}: ${e.detail.stdout.trim()}`;
});
document.getElementById('scale-second').addEventListener('click', () => {
  window.Ordinal.send(second, { type: 'run', command: 'kubectl scale sts web --replicas=3', id: 1 });
});
