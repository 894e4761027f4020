/** One self-overwriting progress line on a TTY; plain lines every few seconds elsewhere (CI logs). */
export const createProgressLine = (stream: NodeJS.WriteStream = process.stderr) => {
  let lastPlain = 0;
  return {
    update(done: number, total: number, suffix = ''): void {
      const pct = total > 0 ? Math.min(100, (done / total) * 100) : 100;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct.toFixed(1).padStart(5)}% ${done}/${total} ${suffix}   `);
      } else if (Date.now() - lastPlain > 2000) {
        lastPlain = Date.now();
        stream.write(`${pct.toFixed(1)}% ${done}/${total} ${suffix}\n`);
      }
    },
    finish(message: string): void {
      stream.write(`${stream.isTTY ? '\r\x1b[2K' : ''}${message}\n`);
    },
  };
};
