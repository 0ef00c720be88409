// The line protocol with whoever runs the stack (BrowserIT): this script prints "@@ ready <step>"
// when the page is ready for the step, and the controller answers on stdin with "<step> <epoch ms>"
// once it has done it (e.g. "fault 1764500000000" after stopping the Litestream container).
import readline from 'node:readline';

const lines = [];
const waiters = [];
let input = null;
let closed = false;

// stdin is read only by a scenario that asks for a step: others run without a controller.
function listen() {
  if (input) {
    return;
  }
  input = readline.createInterface({ input: process.stdin, terminal: false });
  input.on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) {
      waiter.resolve(line.trim());
    }
    else {
      lines.push(line.trim());
    }
  });
  input.on('close', () => {
    closed = true;
    for (const waiter of waiters.splice(0)) {
      waiter.reject(new Error('stdin closed'));
    }
  });
}

function nextLine(timeoutMs) {
  listen();
  if (lines.length) {
    return Promise.resolve(lines.shift());
  }
  if (closed) {
    return Promise.reject(new Error('stdin closed'));
  }
  return new Promise((resolve, reject) => {
    const waiter = {
      resolve: (line) => { clearTimeout(timer); resolve(line); },
      reject: (error) => { clearTimeout(timer); reject(error); },
    };
    const timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(waiter), 1);
      reject(new Error(`no answer on stdin within ${timeoutMs / 1000}s`));
    }, timeoutMs);
    waiters.push(waiter);
  });
}

/**
 * Asks the controller to do {@code step} and waits for its answer; returns the epoch ms at which
 * it says it was done (else the time the answer arrived).
 */
export async function askController(step, timeoutMs = 60_000) {
  console.log(`@@ ready ${step}`);
  let line;
  try {
    line = await nextLine(timeoutMs);
  }
  catch (error) {
    throw new Error(`waiting for the controller to do "${step}": ${error.message}`
      + ' (this scenario needs one on stdin, e.g. BrowserIT, which stops and starts the Litestream container)');
  }
  const [word, at] = line.split(/\s+/);
  if (word !== step) {
    throw new Error(`the controller answered "${line}" where "${step} <epoch ms>" was expected`);
  }
  return Number(at) || Date.now();
}

/** Stops reading stdin, so that the process can end while the controller keeps it open. */
export function releaseController() {
  input?.close();
}
