/**
 * The personal names the tests use as identities (holders, legal representatives, staff, list
 * entries). The "no PII in logs" scan (test/pii/) fails when any of them shows up in a log line, so
 * a test that introduces a new name should add it here. ID numbers, USCCs, phones and images need
 * no list: the scan recognises any valid one.
 */
export const TEST_PERSON_NAMES: readonly string[] = [
  '张三',
  '李四',
  '王五',
  '小明',
  '韦小宝',
  '张山',
  '张四',
  '张不符',
  '阿卜杜',
  '热合曼',
  'Li Lei',
  'JOHN SMITH',
];
