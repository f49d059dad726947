import type { OrgUnitKind } from '@loopdesk/core';

/** One unit of a seed org tree; children nest. */
export interface SeedOrgUnit {
  code: string;
  name: string;
  kind: OrgUnitKind;
  children?: SeedOrgUnit[];
}

/**
 * The demo institution `npm start` creates: a 总行 with the departments of DESIGN.md §3,
 * two 分行 with their own 消保 desks, 支行 and 网点.
 */
export const DEMO_INSTITUTION = {
  code: 'DEMO',
  name: '示范银行',
  timeZone: 'Asia/Shanghai',
  root: {
    code: 'HO',
    name: '示范银行总行',
    kind: 'head_office',
    children: [
      { code: 'HO-CP', name: '消费者权益保护部', kind: 'department' },
      { code: 'HO-CS', name: '客户服务中心', kind: 'department' },
      { code: 'HO-RISK', name: '风险管理部', kind: 'department' },
      { code: 'HO-LEGAL', name: '法律合规部', kind: 'department' },
      { code: 'HO-CORP', name: '公司业务部', kind: 'department' },
      { code: 'HO-PF', name: '项目融资部', kind: 'department' },
      { code: 'HO-CREDIT', name: '授信审批部', kind: 'department' },
      {
        code: 'BJ',
        name: '北京分行',
        kind: 'branch',
        children: [
          { code: 'BJ-CP', name: '北京分行消费者权益保护部', kind: 'department' },
          { code: 'BJ-CORP', name: '北京分行公司业务部', kind: 'department' },
          {
            code: 'BJ-HD',
            name: '海淀支行',
            kind: 'sub_branch',
            children: [
              { code: 'BJ-HD-ZGC', name: '中关村网点', kind: 'outlet' },
              { code: 'BJ-HD-WDK', name: '五道口网点', kind: 'outlet' },
            ],
          },
          {
            code: 'BJ-CY',
            name: '朝阳支行',
            kind: 'sub_branch',
            children: [{ code: 'BJ-CY-GM', name: '国贸网点', kind: 'outlet' }],
          },
        ],
      },
      {
        code: 'SH',
        name: '上海分行',
        kind: 'branch',
        children: [
          { code: 'SH-CP', name: '上海分行消费者权益保护部', kind: 'department' },
          { code: 'SH-CORP', name: '上海分行公司业务部', kind: 'department' },
          {
            code: 'SH-PD',
            name: '浦东支行',
            kind: 'sub_branch',
            children: [
              { code: 'SH-PD-LJZ', name: '陆家嘴网点', kind: 'outlet' },
              { code: 'SH-PD-ZJ', name: '张江网点', kind: 'outlet' },
            ],
          },
          {
            code: 'SH-XH',
            name: '徐汇支行',
            kind: 'sub_branch',
            children: [{ code: 'SH-XH-XJH', name: '徐家汇网点', kind: 'outlet' }],
          },
        ],
      },
    ],
  } satisfies SeedOrgUnit as SeedOrgUnit,
};
