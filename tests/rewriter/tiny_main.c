/* Entry point for samples that have no main of their own. */
int main(void);
int main(void)
{
	return 0;
}
