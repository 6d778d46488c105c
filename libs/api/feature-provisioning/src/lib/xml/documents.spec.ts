import { findAll, namedValues, readXml } from '../../../testing/xml-reader';
import { tollAllow } from '../directory/toll-allow';
import { callcenterConfigDocument } from './callcenter-document';
import {
  DIAL_STRING,
  type DirectoryUser,
  directoryDomainDocument,
  directoryUserDocument,
  queueNumberDocument,
} from './directory-document';
import { NOT_FOUND_DOCUMENT, escapeXmlAttribute, renderXmlDocument, xml } from './xml';

const HOSTILE = `Ann "the <boss>" & O'Neil`;
const user: DirectoryUser = {
  number: '1001',
  displayName: HOSTILE,
  a1Hash: '0123456789abcdef0123456789abcdef',
  outboundClass: 'NATIONAL',
  callerIdNumber: '+4930123456',
  callerIdName: null,
  callGroup: 'sales',
  supervisor: false,
};

describe('XML escaping', () => {
  it('escapes markup, quotes, line breaks and the dollar FreeSWITCH pre-processes', () => {
    expect(escapeXmlAttribute(`<a href="x">&'$\${p}\n\r\t`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#36;&#36;{p}&#10;&#13;&#9;',
    );
  });

  it('drops characters XML 1.0 cannot carry instead of emitting a broken document', () => {
    expect(escapeXmlAttribute('a\u0000b\u0007c\uFFFEd\uD800e')).toBe('abcde');
    expect(escapeXmlAttribute('caf\u00e9 \u{1F4DE}')).toBe('caf\u00e9 \u{1F4DE}');
  });

  it('round-trips any attribute value through a strict parser', () => {
    const nasty = `"/><user id="evil"/><x a='</section>&amp;\u00e9\n$\${hold_music}`;
    const doc = readXml(renderXmlDocument(xml('root', { value: nasty })));
    expect(doc.attributes['value']).toBe(nasty);
    expect(doc.children).toEqual([]);
  });

  it('refuses element and attribute names it did not expect', () => {
    expect(() => renderXmlDocument(xml('a b'))).toThrow(/invalid XML element name/);
    expect(() => renderXmlDocument(xml('a', { 'x="1" y': 'z' }))).toThrow(/invalid XML attribute name/);
  });

  it('answers "not found" the way FreeSWITCH expects', () => {
    const doc = readXml(NOT_FOUND_DOCUMENT);
    expect(doc.attributes['type']).toBe('freeswitch/xml');
    expect(findAll(doc, 'result')[0]?.attributes['status']).toBe('not found');
    expect(findAll(doc, 'section')[0]?.attributes['name']).toBe('result');
  });
});

describe('toll_allow', () => {
  it('grows with the outbound class', () => {
    expect(tollAllow('INTERNAL')).toBe('internal');
    expect(tollAllow('LOCAL')).toBe('internal,local');
    expect(tollAllow('NATIONAL')).toBe('internal,local,national');
    expect(tollAllow('INTERNATIONAL')).toBe('internal,local,national,international');
  });
});

describe('directory documents', () => {
  it('serves a user with its a1-hash and the variables the dialplan reads, names intact after escaping', () => {
    const doc = readXml(directoryUserDocument('sb.local', user));
    const domain = findAll(doc, 'domain')[0];
    expect(domain?.attributes['name']).toBe('sb.local');
    expect(namedValues(findAll(doc, 'params')[0], 'param')).toEqual({ 'dial-string': DIAL_STRING });
    const xmlUser = findAll(doc, 'user')[0];
    expect(xmlUser?.attributes['id']).toBe('1001');
    expect(namedValues(findAll(xmlUser, 'params')[0], 'param')).toEqual({ 'a1-hash': user.a1Hash });
    expect(namedValues(findAll(xmlUser, 'variables')[0], 'variable')).toEqual({
      user_context: 'default',
      effective_caller_id_name: HOSTILE,
      effective_caller_id_number: '1001',
      outbound_caller_id_name: HOSTILE,
      outbound_caller_id_number: '+4930123456',
      toll_allow: 'internal,local,national',
      callgroup: 'sales',
      accountcode: '1001',
      eavesdrop_group: 'ext-1001',
    });
  });

  it('marks supervisors so the dialplan lets them listen, whisper and barge', () => {
    const variables = namedValues(
      findAll(readXml(directoryUserDocument('sb.local', { ...user, supervisor: true })), 'variables')[0],
      'variable',
    );
    expect(variables['switchboard_supervisor']).toBe('true');
  });

  it('keeps the dial string literal for FreeSWITCH to expand, but hidden from its pre-processor', () => {
    const text = directoryDomainDocument('sb.local');
    expect(text).not.toContain('${');
    expect(findAll(readXml(text), 'param')[0]?.attributes['value']).toBe(DIAL_STRING);
    expect(findAll(readXml(text), 'user')).toEqual([]);
  });

  it("describes a queue number by its queue's name and display name only", () => {
    const doc = readXml(
      queueNumberDocument('sb.local', '9200', { name: 'support', displayName: 'Customer <Support>' }, 'f'.repeat(32)),
    );
    expect(findAll(doc, 'user')[0]?.attributes['id']).toBe('9200');
    expect(namedValues(findAll(doc, 'variables')[0], 'variable')).toEqual({
      switchboard_queue: 'support',
      switchboard_queue_display: 'Customer <Support>',
    });
  });
});

describe('callcenter.conf document', () => {
  it('lists queues with every mod_callcenter param, agents and tiers', () => {
    const doc = readXml(
      callcenterConfigDocument({
        queues: [
          {
            name: 'support@sb.local',
            strategy: 'round-robin',
            mohSound: 'local_stream://moh',
            recordTemplate: null,
            timeBaseScore: 'queue',
            maxWaitTime: 120,
            maxWaitTimeWithNoAgent: 30,
            maxWaitTimeWithNoAgentTimeReached: 5,
            tierRulesApply: true,
            tierRuleWaitSecond: 300,
            tierRuleWaitMultiplyLevel: true,
            tierRuleNoAgentNoWait: false,
            discardAbandonedAfter: 60,
            abandonedResumeAllowed: false,
          },
        ],
        agents: [
          {
            name: '1001@sb.local',
            contact: '[leg_timeout=30]user/1001@sb.local',
            status: 'AVAILABLE_ON_DEMAND',
            maxNoAnswer: 3,
            wrapUpTime: 10,
            rejectDelayTime: 10,
            busyDelayTime: 60,
            noAnswerDelayTime: 10,
          },
        ],
        tiers: [{ agent: '1001@sb.local', queue: 'support@sb.local', level: 2, position: 3 }],
      }),
    );
    expect(findAll(doc, 'configuration')[0]?.attributes['name']).toBe('callcenter.conf');
    expect(namedValues(findAll(doc, 'settings')[0], 'param')).toEqual({
      'truncate-agents-on-load': 'true',
      'truncate-tiers-on-load': 'true',
    });
    const queue = findAll(doc, 'queue')[0];
    expect(queue?.attributes['name']).toBe('support@sb.local');
    expect(namedValues(queue, 'param')).toEqual({
      strategy: 'round-robin',
      'moh-sound': 'local_stream://moh',
      'time-base-score': 'queue',
      'max-wait-time': '120',
      'max-wait-time-with-no-agent': '30',
      'max-wait-time-with-no-agent-time-reached': '5',
      'tier-rules-apply': 'true',
      'tier-rule-wait-second': '300',
      'tier-rule-wait-multiply-level': 'true',
      'tier-rule-no-agent-no-wait': 'false',
      'discard-abandoned-after': '60',
      'abandoned-resume-allowed': 'false',
    });
    expect(findAll(doc, 'agent')[0]?.attributes).toEqual({
      name: '1001@sb.local',
      type: 'callback',
      contact: '[leg_timeout=30]user/1001@sb.local',
      status: 'Available (On Demand)',
      'max-no-answer': '3',
      'wrap-up-time': '10',
      'reject-delay-time': '10',
      'busy-delay-time': '60',
      'no-answer-delay-time': '10',
    });
    expect(findAll(doc, 'tier')[0]?.attributes).toEqual({
      agent: '1001@sb.local',
      queue: 'support@sb.local',
      level: '2',
      position: '3',
    });
  });
});
