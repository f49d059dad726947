import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n';
import { useCategories } from '@/lib/categories';
import { categoryTree } from '@/lib/category-tree';

interface Props {
  id: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
}

/** One content category from the institution's tree, or none (a template for every category). */
export function TemplateCategorySelect({ id, value, onChange }: Props) {
  const { t } = useTranslation();
  const { data: categories = [] } = useCategories();
  const en = currentLanguage() === 'en';
  const tree = useMemo(() => categoryTree(categories, en), [categories, en]);
  return (
    <TreeSelect<string>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={tree}
      treeDefaultExpandAll
      allowClear
      showSearch
      treeNodeFilterProp="title"
      placeholder={t('templateAdmin.allCategories')}
    />
  );
}
