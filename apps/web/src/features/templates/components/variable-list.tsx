import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TEMPLATE_VARIABLES, type TemplateVariable } from '@loopdesk/core';
import { variableToken } from '../insert-variable';

/** The variables a body may use, each with what the case fills it with; a click inserts one. */
export function VariableList({ onInsert }: { onInsert: (variable: TemplateVariable) => void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={6} id="template-variables">
      <Typography.Text type="secondary">{t('templateAdmin.field.variablesHint')}</Typography.Text>
      {TEMPLATE_VARIABLES.map((v) => (
        <Flex key={v} gap={8} align="baseline">
          <Button size="small" type="dashed" data-variable={v} onClick={() => onInsert(v)} style={{ fontFamily: 'monospace', minWidth: 176, justifyContent: 'flex-start' }}>
            {variableToken(v)}
          </Button>
          <Typography.Text type="secondary">{t(`templateAdmin.variable.${v}`)}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
