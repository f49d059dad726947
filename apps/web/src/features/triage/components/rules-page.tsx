import { App, Button, Card, Flex, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TKeywordRule } from '@loopdesk/core';
import { useAddWord, useCategories, useRules, useUpdateRule, useWords } from '../api';
import { useLabelText } from './prediction';

/** The keyword rules that classify before a model exists: words edited in place, rules switched on and off. */
export function RulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, isFetching } = useRules();
  const { data: categories } = useCategories();
  const labelText = useLabelText(categories);
  const update = useUpdateRule();
  const save = (r: TKeywordRule, change: { keywords?: string[]; active?: boolean }) =>
    void update.mutateAsync({ id: r.id, version: r.version, ...change }).then(() => message.success(t('triage.ruleSaved')));
  return (
    <Flex vertical gap={16}>
      <DictionaryCard />
      <Card title={t('triage.rules')}>
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">{t('triage.rulesHint')}</Typography.Text>
          <Table<TKeywordRule>
            id="rules-table"
            rowKey="id"
            size="small"
            loading={isFetching}
            dataSource={data ?? []}
            pagination={false}
            columns={[
              { title: t('triage.predictions'), dataIndex: 'field', width: 120, render: (f: TKeywordRule['field']) => t(`triage.field.${f}`) },
              { title: t('triage.label'), dataIndex: 'label', width: 180, render: (l: string, r) => labelText(r.field, l) },
              {
                title: t('triage.keywords'),
                dataIndex: 'keywords',
                render: (k: string[], r) => (
                  <Select mode="tags" style={{ width: '100%' }} value={k} onChange={(next: string[]) => next.length > 0 && save(r, { keywords: next })} />
                ),
              },
              { title: t('triage.enabled'), dataIndex: 'active', width: 80, render: (a: boolean, r) => <Switch checked={a} onChange={(active) => save(r, { active })} /> },
            ]}
          />
        </Flex>
      </Card>
    </Flex>
  );
}

/** Words added to the segmentation dictionary: product names and local terms the shipped dictionary lacks. */
function DictionaryCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data } = useWords();
  const add = useAddWord();
  const [word, setWord] = useState('');
  const submit = () => {
    const w = word.trim();
    if (w.length < 2) return;
    void add.mutateAsync(w).then(() => {
      setWord('');
      void message.success(t('triage.wordAdded'));
    });
  };
  return (
    <Card title={t('triage.words')}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('triage.wordsHint')}</Typography.Text>
        <Space.Compact style={{ maxWidth: 360 }}>
          <Input id="word-input" value={word} maxLength={20} onChange={(e) => setWord(e.target.value.replace(/\s/g, ''))} onPressEnter={submit} />
          <Button type="primary" id="word-add" loading={add.isPending} onClick={submit}>
            {t('triage.addWord')}
          </Button>
        </Space.Compact>
        <Flex gap={4} wrap id="dictionary-words">
          {(data ?? []).map((w) => (
            <Tag key={w.word}>{w.word}</Tag>
          ))}
        </Flex>
      </Flex>
    </Card>
  );
}
