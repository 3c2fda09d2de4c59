// Runs a bare-metal RP2040 image under rp2040js (the RP2040's Cortex-M0+ emulated with cycle
// counts) and passes on what it prints and its exit code.
//
// The image (mcu/ built with mcu/cmake/rp2040.cmake, startup code mcu/runtime/rp2040.c) is an
// ELF linked into SRAM at 0x20000000 (mcu/runtime/rp2040.ld), or with its code and constants
// in flash at 0x10000000 (rp2040_flash.ld). Its loadable segments are copied into the
// emulator's SRAM or flash, SP is set to 0x20041000 and PC to the entry point; then
// instructions are stepped one by one. No boot ROM, no boot stage 2, no Pico SDK. The program
// talks to this runner through:
//
//   UART0's data register (0x40034000)  every byte written there goes to stdout
//   bkpt #1                             r0 := the cycles executed so far (mod 2^32): the
//                                       program's cycle counter (anne_mcu_ticks)
//   bkpt #0                             the end: r0 is the exit code (newlib's _exit)
//   bkpt #3                             a processor fault (the startup code's fault handler)
//
// At the end it prints `rp2040: N cycles, M instructions` to stderr.
//
// usage: node run.mjs IMAGE.elf [--max-cycles N]     (default 4e9: a runaway program ends)
import { readFileSync } from 'node:fs';
import { argv, exit, stdout, stderr } from 'node:process';

import { RP2040 } from 'rp2040js';

const SRAM_START = 0x20000000;
const FLASH_START = 0x10000000;
const STACK_TOP = 0x20041000;
const BREAK_EXIT = 0, BREAK_CYCLES = 1, BREAK_FAULT = 3;

function usage(message) {
  if (message) stderr.write(`run.mjs: ${message}\n`);
  stderr.write('usage: node run.mjs IMAGE.elf [--max-cycles N]\n' +
               '  runs a bare-metal RP2040 image (linked into SRAM at 0x20000000, or flash at ' +
               '0x10000000)\n  under rp2040js; its UART0 output goes to stdout, its exit code ' +
               'is ours\n');
  exit(message ? 2 : 0);
}

// The loadable segments of a little-endian 32-bit ARM ELF file: [{address, bytes}], and its
// entry point.
function readElf(path) {
  let file;
  try {
    file = readFileSync(path);
  } catch (e) {
    usage(`${path}: cannot read (${e.code})`);
  }
  const fail = (what) => usage(`${path}: ${what}`);
  if (file.length < 52 || file.readUInt32BE(0) !== 0x7f454c46) fail('not an ELF file');
  if (file[4] !== 1 || file[5] !== 1) fail('expected a 32-bit little-endian ELF file');
  if (file.readUInt16LE(18) !== 40) fail('expected an ARM ELF file (e_machine 40)');
  const entry = file.readUInt32LE(24);
  const phoff = file.readUInt32LE(28), phentsize = file.readUInt16LE(42);
  const phnum = file.readUInt16LE(44);
  const segments = [];
  for (let i = 0; i < phnum; ++i) {
    const at = phoff + i * phentsize;
    if (at + 32 > file.length) fail(`program header ${i} lies beyond the end of the file`);
    const type = file.readUInt32LE(at), offset = file.readUInt32LE(at + 4);
    const address = file.readUInt32LE(at + 12), size = file.readUInt32LE(at + 16);
    if (type !== 1 || size === 0) continue;  // PT_LOAD with bytes in the file
    if (offset + size > file.length) fail(`segment ${i} lies beyond the end of the file`);
    segments.push({ address, bytes: file.subarray(offset, offset + size) });
  }
  return { entry, segments };
}

// Each segment goes into SRAM below the stack or into flash (the XIP window at 0x10000000).
function load(mcu, { entry, segments }, path) {
  const memories = [
    { start: SRAM_START, end: STACK_TOP, bytes: mcu.sram },
    { start: FLASH_START, end: FLASH_START + mcu.flash.length, bytes: mcu.flash },
  ];
  for (const { address, bytes } of segments) {
    const memory = memories.find((m) => address >= m.start && address + bytes.length <= m.end);
    if (!memory) {
      usage(`${path}: a segment at 0x${address.toString(16)} (${bytes.length} bytes) is ` +
            'neither within SRAM below the stack (0x20000000-0x20041000) nor within flash ' +
            `(0x10000000-0x${(FLASH_START + mcu.flash.length).toString(16)})`);
    }
    memory.bytes.set(bytes, address - memory.start);
  }
  mcu.core.SP = STACK_TOP;
  mcu.core.PC = entry & ~1;
}

function main() {
  const args = argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) usage();
  let maxCycles = 4e9;
  const m = args.indexOf('--max-cycles');
  if (m >= 0) {
    maxCycles = Number(args[m + 1]);
    if (!(maxCycles > 0)) usage(`--max-cycles: expected a positive number, got ${args[m + 1]}`);
    args.splice(m, 2);
  }
  if (args.length !== 1) usage('expected one image');
  const path = args[0];

  const mcu = new RP2040();
  load(mcu, readElf(path), path);
  let line = [];
  mcu.uart[0].onByte = (byte) => {
    line.push(byte);
    if (byte === 10) {
      stdout.write(Buffer.from(line));
      line = [];
    }
  };
  let status = null;
  mcu.onBreak = (code) => {
    if (code === BREAK_CYCLES) {
      mcu.core.registers[0] = mcu.core.cycles >>> 0;
    } else if (code === BREAK_EXIT) {
      status = mcu.core.registers[0] | 0;
    } else {
      status = code === BREAK_FAULT ? 'a processor fault' : `bkpt #${code}`;
    }
  };

  const { core } = mcu;
  let instructions = 0;
  while (status === null && core.cycles < maxCycles) {
    core.executeInstruction();
    ++instructions;
  }
  if (line.length) stdout.write(Buffer.from(line));
  stderr.write(`rp2040: ${core.cycles} cycles, ${instructions} instructions\n`);
  if (status === null) {
    stderr.write(`run.mjs: ${path}: still running after ${maxCycles} cycles, stopped\n`);
    exit(2);
  }
  if (typeof status === 'string') {
    stderr.write(`run.mjs: ${path}: stopped by ${status} at pc 0x${core.PC.toString(16)}\n`);
    exit(3);
  }
  exit(status);
}

main();
