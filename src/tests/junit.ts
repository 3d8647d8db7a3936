// The results as JUnit XML, the shape GitHub's test reporters and GitLab's merge-request test report read: one
// <testsuite> per test file, one <testcase> per run of a case, <failure> with expected vs got, <error> for a case that
// could not run, <skipped/> for one not started. Text from a reply is escaped and cut of what XML 1.0 cannot hold.

import { describeOutcome } from './assertions';
import type { CaseResult } from './run';

export interface JunitSuite {
  name: string;
  results: readonly CaseResult[];
  /** The error that stopped this file's run. */ error?: string;
}

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 does not allow are the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const esc = (s: string) =>
  s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(suite: string, r: CaseResult): string {
  const open = `    <testcase name="${esc(r.name)}" classname="${esc(suite)}" time="${seconds(r.durationMs)}"`;
  const failed = r.outcomes.filter((o) => !o.pass);
  const body: string[] = [];
  if (r.status === 'failed') {
    const message = failed.length ? failed.map(describeOutcome).join('; ') : (r.message ?? 'failed');
    body.push(
      `      <failure message="${esc(message)}" type="${failed.length ? esc(failed[0]!.assertion) : 'request'}">${esc([...failed.map(describeOutcome), ...(r.message ? [r.message] : [])].join('\n'))}</failure>`,
    );
  } else if (r.status === 'errored')
    body.push(`      <error message="${esc(r.message ?? 'could not run')}" type="test-file"/>`);
  else if (r.status === 'skipped') body.push('      <skipped/>');
  if (r.reply) body.push(`      <system-out>${esc(r.reply.text)}</system-out>`);
  return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
}

export function junitXml(suites: readonly JunitSuite[], name = 'poe-bots test'): string {
  const count = (rs: readonly CaseResult[], s: CaseResult['status']) => rs.filter((r) => r.status === s).length;
  const all = suites.flatMap((s) => s.results);
  const time = (rs: readonly CaseResult[]) => seconds(rs.reduce((t, r) => t + r.durationMs, 0));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${esc(name)}" tests="${all.length}" failures="${count(all, 'failed')}" errors="${count(all, 'errored') + suites.filter((s) => s.error).length}" skipped="${count(all, 'skipped')}" time="${time(all)}">`,
  ];
  for (const s of suites) {
    const errors = count(s.results, 'errored') + (s.error ? 1 : 0);
    lines.push(
      `  <testsuite name="${esc(s.name)}" tests="${s.results.length}" failures="${count(s.results, 'failed')}" errors="${errors}" skipped="${count(s.results, 'skipped')}" time="${time(s.results)}">`,
    );
    if (s.error) lines.push(`    <system-err>${esc(s.error)}</system-err>`);
    for (const r of s.results) lines.push(testcase(s.name, r));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
