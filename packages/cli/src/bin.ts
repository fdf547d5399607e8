#!/usr/bin/env node
// The `codezero` command: its bundle with V8's code cache (launch/bundle.ts), or the
// modules themselves when the bundle was not built.
import { runBundle } from './launch/bundle.js';

if (runBundle().missing) await import('./main.js');
